package io.complaintsuite.intake.complaint;

import io.complaintsuite.contracts.Channel;
import io.complaintsuite.contracts.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** What a channel posts: the complaint in the customer's words and how to reach them. */
public record NewComplaint(
    @NotNull Channel channel,
    @Size(max = 200)
        @Pattern(regexp = "[\\p{Graph}]+", message = "must be printable, without spaces")
        String externalId,
    @NotNull @Valid Customer customer,
    @NotBlank @Size(max = 200) String subject,
    @NotBlank @Size(max = 20000) String description,
    @Pattern(
            regexp = "[a-z][a-z0-9-]{1,63}",
            message = "must be a problem-type code such as 'billing'")
        String problemType,
    Priority urgency,
    OffsetDateTime expectedResolutionAt) {

  /** The customer as the channel knows them. */
  public record Customer(
      @NotBlank @Size(max = 100) String id,
      @Size(max = 200) String name,
      @Pattern(regexp = "\\+?[0-9][0-9 -]{4,24}", message = "must be a phone number") String phone,
      @Email @Size(max = 254) String email) {}
}
