package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a channel posts: the complaint in the customer's words and how to reach them. */
@Schema(description = "A complaint as a channel received it (标准化工单)")
public record NewComplaint(
    @NotNull @Schema(example = "phone") Channel channel,
    @Size(max = 200)
        @Pattern(regexp = "[\\p{Graph}]+", message = "must be printable, without spaces")
        @Schema(
            description = "The channel's own id of the complaint",
            example = "IVR-20261123-8812")
        String externalId,
    @NotNull @Valid Customer customer,
    @NotBlank @Size(max = 200) @Schema(example = "账户被盗，余额被转走") String subject,
    @NotBlank
        @Size(max = 20000)
        @Schema(
            description = "The complaint in the customer's own words",
            example = "今天早上收到短信说我的账户在异地登录，随后余额被转走了2000元，请尽快冻结账户！")
        String description,
    @Pattern(
            regexp = "[a-z][a-z0-9-]{1,63}",
            message = "must be a problem-type code such as 'billing'")
        @Schema(description = "Problem type if the channel knows it; else routing classifies it")
        String problemType,
    @Schema(description = "The channel's urgency hint; routing may raise it") Priority urgency,
    @Schema(description = "When the customer expects a resolution")
        OffsetDateTime expectedResolutionAt,
    @Size(max = 20) List<@Valid @NotNull AttachmentRef> attachments) {

  /** The customer as the channel knows them. */
  public record Customer(
      @NotBlank @Size(max = 100) @Schema(example = "C-100233") String id,
      @Size(max = 200) @Schema(example = "王丽") String name,
      @Pattern(regexp = "\\+?[0-9][0-9 -]{4,24}", message = "must be a phone number")
          @Schema(example = "13800138000")
          String phone,
      @Email @Size(max = 254) String email) {}

  /** A file the channel keeps; intake stores only the reference. */
  public record AttachmentRef(
      @NotBlank @Size(max = 255) @Schema(example = "转账记录.png") String name,
      @NotBlank
          @Pattern(
              regexp = "[\\w.+-]+/[\\w.+-]+",
              message = "must be a media type such as image/png")
          String type,
      @NotNull @PositiveOrZero @Max(value = 1L << 40, message = "must be at most 1 TiB") Long size,
      @NotBlank
          @Size(max = 2000)
          @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String url) {}
}
