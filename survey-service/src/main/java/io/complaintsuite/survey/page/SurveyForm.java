package io.complaintsuite.survey.page;

import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.survey.answer.Answers;
import java.util.ArrayList;
import java.util.List;

/** The page's form as submitted (strings, untrusted), checked field by field. */
public record SurveyForm(
    String responseSpeed, String attitude, String resolution, String nps, String comment) {

  /** Field names as the form and the problem+json errors name them. */
  public static final String RESPONSE_SPEED = "responseSpeed";

  public static final String ATTITUDE = "attitude";
  public static final String RESOLUTION = "resolution";
  public static final String NPS = "nps";
  public static final String COMMENT = "comment";

  /** Every bad field with a message in Chinese (the customer reads it). */
  public List<Problem.FieldError> errors(int commentMax) {
    List<Problem.FieldError> errors = new ArrayList<>();
    rating(RESPONSE_SPEED, responseSpeed, "响应速度", errors);
    rating(ATTITUDE, attitude, "服务态度", errors);
    rating(RESOLUTION, resolution, "解决效果", errors);
    if (blank(nps) == null) {
      // NPS is optional (the schema allows null); a value must be 0..10.
    } else if (parse(nps, 0, 10) == null) {
      errors.add(new Problem.FieldError(NPS, "推荐意愿请选择 0 到 10 之间的分数"));
    }
    String text = blank(comment);
    if (text != null && text.codePointCount(0, text.length()) > commentMax) {
      errors.add(new Problem.FieldError(COMMENT, "意见建议最多 " + commentMax + " 个字"));
    }
    return errors;
  }

  /** The answer; call only when {@link #errors} is empty. */
  public Answers.Answer answer() {
    String npsValue = blank(nps);
    String text = blank(comment);
    return new Answers.Answer(
        parse(responseSpeed, 1, 5),
        parse(attitude, 1, 5),
        parse(resolution, 1, 5),
        npsValue == null ? null : parse(npsValue, 0, 10),
        text == null ? null : text.strip());
  }

  private static void rating(
      String field, String value, String label, List<Problem.FieldError> errors) {
    if (blank(value) == null) {
      errors.add(new Problem.FieldError(field, "请为“" + label + "”打分（1–5 分）"));
    } else if (parse(value, 1, 5) == null) {
      errors.add(new Problem.FieldError(field, "“" + label + "”的评分须为 1 到 5 分"));
    }
  }

  static Integer parse(String value, int min, int max) {
    String v = blank(value);
    if (v == null || !v.matches("\\d{1,2}")) {
      return null;
    }
    int n = Integer.parseInt(v);
    return n < min || n > max ? null : n;
  }

  static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
