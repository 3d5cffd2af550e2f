package io.complaintsuite.intake.action;

import io.complaintsuite.contracts.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the agents' actions on a complaint. */
public final class ActionRequests {
  private ActionRequests() {}

  /** First response; optionally with the words said or written to the customer. */
  public record Respond(
      @Size(max = 20000) @Schema(example = "您好，已收到您的反馈，我们正在紧急冻结您的账户。") String message) {}

  public record Reply(
      @NotBlank @Size(max = 20000) @Schema(example = "已为您冻结账户，资金追回进展会第一时间通知您。") String text) {}

  public record Note(
      @NotBlank @Size(max = 20000) @Schema(example = "已联系风控部门核实异地登录记录") String text) {}

  public record ChangePriority(
      @NotNull Priority priority,
      @NotBlank @Size(max = 2000) @Schema(example = "客户表示将向12315投诉，升级为紧急") String reason) {}

  public record RequestTransfer(
      @NotBlank @Size(max = 2000) @Schema(example = "属于扣费问题，请转计费部门") String reason,
      @Pattern(
              regexp = "[a-z][a-z0-9-]{1,63}",
              message = "must be a department code such as 'billing'")
          String suggestedDepartment) {}

  public record Reclassify(
      @NotBlank
          @Pattern(
              regexp = "[a-z][a-z0-9-]{1,39}",
              message = "must be a problem-type code such as 'repair-installation'")
          @Schema(example = "repair-installation")
          String problemType,
      @NotBlank @Size(max = 2000) @Schema(example = "客户说的是师傅没上门安装，不是产品质量问题") String reason) {}

  public record WaitForCustomer(@Size(max = 2000) @Schema(example = "请客户提供转账记录截图") String reason) {}

  public record Compensation(
      @NotBlank
          @Pattern(
              regexp = "[a-z][a-z0-9-]{1,63}",
              message = "must be a code such as refund, coupon, free-upgrade, extended-warranty")
          String type,
      @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 10, fraction = 2)
          BigDecimal amount,
      @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
          String currency,
      @Size(max = 2000) String note) {}

  public record Resolve(
      @NotBlank @Size(max = 5000) @Schema(example = "已冻结账户并追回资金，退还至原账户") String summary,
      @NotBlank
          @Pattern(
              regexp = "[a-z][a-z0-9-]{1,63}",
              message = "must be a root-cause code such as account-security")
          String rootCause,
      @Valid Compensation compensation) {}

  public record Reopen(
      @NotBlank @Size(max = 2000) @Schema(example = "客户反馈资金只退回一半") String reason) {}
}
