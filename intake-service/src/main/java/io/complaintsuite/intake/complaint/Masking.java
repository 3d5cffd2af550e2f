package io.complaintsuite.intake.complaint;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Personal contact data shown only to who needs it: agents and supervisors call customers back;
 * everyone else, and every list view, sees 138****5678 and w*****@example.cn.
 */
public final class Masking {
  private Masking() {}

  public static boolean maySeeContact(SecurityIdentity identity) {
    return identity.hasRole("agent") || identity.hasRole("supervisor");
  }

  public static String phone(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2); // +86 mobile: show it as customers know it
    }
    if (digits.length() < 7) {
      return "****";
    }
    return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
  }

  public static String email(String email) {
    if (email == null) {
      return null;
    }
    int at = email.indexOf('@');
    if (at <= 0) {
      return "*****";
    }
    return email.charAt(0) + "*****" + email.substring(at);
  }
}
