package io.complaintsuite.survey.notification;

import io.complaintsuite.survey.facts.CustomerContact;

/**
 * How to reach a customer: the delivery channel follows the complaint's channel and the contact.
 */
public final class Deliveries {
  public static final String SMS = "sms";
  public static final String APP_PUSH = "app-push";
  public static final String EMAIL = "email";

  private Deliveries() {}

  /**
   * A complaint made in the app is answered by app push (the customer id is the push target); one
   * made by e-mail by e-mail if we have the address; otherwise SMS when there is a phone number,
   * else e-mail; null when the customer cannot be reached.
   */
  public static String choose(String complaintChannel, CustomerContact contact) {
    boolean phone = contact != null && present(contact.phone);
    boolean email = contact != null && present(contact.email);
    if ("app".equals(complaintChannel)) {
      return APP_PUSH;
    }
    if ("email".equals(complaintChannel) && email) {
      return EMAIL;
    }
    if (phone) {
      return SMS;
    }
    return email ? EMAIL : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
