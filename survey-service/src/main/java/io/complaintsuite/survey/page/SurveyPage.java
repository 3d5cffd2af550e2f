package io.complaintsuite.survey.page;

import io.complaintsuite.platform.problem.Problem;
import io.complaintsuite.platform.problem.ProblemException;
import io.complaintsuite.survey.answer.Answers;
import io.complaintsuite.survey.schedule.SurveyState;
import io.complaintsuite.survey.settings.SurveySettings;
import io.complaintsuite.survey.token.SurveyTokens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The customer's survey page: no login (the signed single-use token in the link is the credential),
 * server-rendered HTML in Chinese that works without JavaScript, one inline stylesheet, nothing
 * loaded from elsewhere. A bad link of any kind gets a friendly page, never a stack trace; a client
 * that asks for JSON gets problem+json instead.
 */
@Path("/s")
@PermitAll
public class SurveyPage {
  private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

  /** Headers of every page: the token must not leak through caches, referrers or indexes. */
  private static final Map<String, String> PAGE_HEADERS =
      Map.of(
          "Cache-Control", "no-store",
          "Referrer-Policy", "no-referrer",
          "X-Robots-Tag", "noindex",
          "X-Content-Type-Options", "nosniff",
          "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                  + " frame-ancestors 'none'; base-uri 'none'");

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance form(FormView view);

    static native TemplateInstance thanks(boolean callback);

    static native TemplateInstance notice(String title, String message);
  }

  public record Choice(String value, String label, boolean checked) {}

  public record Question(
      String name, String legend, String low, String high, List<Choice> choices, String error) {}

  public record FieldView(String field, String message) {}

  public record FormView(
      String number,
      List<Question> ratings,
      Question nps,
      String comment,
      String commentError,
      int commentMax,
      List<FieldView> errors) {}

  private final SurveyTokens tokens;
  private final Answers answers;
  private final int commentMax;

  public SurveyPage(SurveyTokens tokens, Answers answers, SurveySettings settings) {
    this.tokens = tokens;
    this.answers = answers;
    this.commentMax = settings.comment().maxLength();
  }

  @GET
  @Path("/{token}")
  @Operation(summary = "The customer's survey form (HTML), or a friendly page for a bad link")
  public Uni<Response> open(@RestPath String token, HttpHeaders headers) {
    SurveyTokens.Verdict verdict = tokens.verify(token);
    if (!verdict.valid()) {
      return Uni.createFrom().item(refused(verdict.status(), headers));
    }
    return answers
        .find(verdict.surveyId())
        .map(
            s -> {
              if (s == null || !(s.state == SurveyState.SENT || s.state == SurveyState.ANSWERED)) {
                return unavailable(headers);
              }
              if (s.state == SurveyState.ANSWERED) {
                return used(headers);
              }
              SurveyForm empty = new SurveyForm(null, null, null, null, null);
              return page(200, Templates.form(view(s.number, empty, List.of())));
            });
  }

  @POST
  @Path("/{token}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Submit the answer once; then the thank-you page")
  public Uni<Response> submit(
      @RestPath String token,
      @RestForm String responseSpeed,
      @RestForm String attitude,
      @RestForm String resolution,
      @RestForm String nps,
      @RestForm String comment,
      HttpHeaders headers) {
    SurveyTokens.Verdict verdict = tokens.verify(token);
    if (!verdict.valid()) {
      return Uni.createFrom().item(refused(verdict.status(), headers));
    }
    SurveyForm form = new SurveyForm(responseSpeed, attitude, resolution, nps, comment);
    List<Problem.FieldError> errors = form.errors(commentMax);
    if (!errors.isEmpty()) {
      if (wantsJson(headers)) {
        throw new ProblemException(
            400,
            "Invalid request",
            String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()),
            errors);
      }
      // Re-render the form with what the customer chose and each problem beside its question.
      return answers
          .find(verdict.surveyId())
          .map(
              s ->
                  page(
                      400,
                      Templates.form(
                          view(
                              s == null ? null : s.number,
                              form,
                              errors.stream()
                                  .map(e -> new FieldView(e.field(), e.message()))
                                  .toList()))));
    }
    return answers
        .submit(verdict.surveyId(), form.answer())
        .map(
            result ->
                switch (result.outcome()) {
                  case RECORDED ->
                      wantsJson(headers)
                          ? Response.ok(Map.of("recorded", true, "callback", result.callback()))
                              .type(MediaType.APPLICATION_JSON)
                              .build()
                          : page(200, Templates.thanks(result.callback()));
                  case ALREADY_ANSWERED -> used(headers);
                  case UNAVAILABLE -> unavailable(headers);
                });
  }

  private FormView view(String number, SurveyForm form, List<FieldView> errors) {
    List<Question> ratings = new ArrayList<>();
    ratings.add(rating(SurveyForm.RESPONSE_SPEED, "响应速度", form.responseSpeed(), errors));
    ratings.add(rating(SurveyForm.ATTITUDE, "服务态度", form.attitude(), errors));
    ratings.add(rating(SurveyForm.RESOLUTION, "解决效果", form.resolution(), errors));
    List<Choice> scores = new ArrayList<>();
    for (int i = 0; i <= 10; i++) {
      String v = Integer.toString(i);
      scores.add(new Choice(v, v + " 分", v.equals(SurveyForm.blank(form.nps()))));
    }
    Question nps =
        new Question(
            SurveyForm.NPS,
            "您有多大可能向亲友推荐我们？（选填）",
            "0 = 完全不可能",
            "10 = 非常可能",
            scores,
            errorOf(errors, SurveyForm.NPS));
    return new FormView(
        number,
        ratings,
        nps,
        form.comment() == null ? "" : form.comment(),
        errorOf(errors, SurveyForm.COMMENT),
        commentMax,
        errors);
  }

  private static final String[] RATING_LABELS = {"非常不满意", "不满意", "一般", "满意", "非常满意"};

  private static Question rating(
      String name, String legend, String chosen, List<FieldView> errors) {
    List<Choice> choices = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String v = Integer.toString(i);
      choices.add(new Choice(v, RATING_LABELS[i - 1], v.equals(SurveyForm.blank(chosen))));
    }
    return new Question(name, legend, "1 = 非常不满意", "5 = 非常满意", choices, errorOf(errors, name));
  }

  private static String errorOf(List<FieldView> errors, String field) {
    return errors.stream()
        .filter(e -> e.field().equals(field))
        .map(FieldView::message)
        .findFirst()
        .orElse(null);
  }

  private Response refused(SurveyTokens.Status status, HttpHeaders headers) {
    if (status == SurveyTokens.Status.EXPIRED) {
      return friendly(
          410,
          "Survey link expired",
          "链接已过期",
          "很抱歉，这个评价链接已经过期。如您仍想反馈意见，欢迎致电客服热线，我们随时为您服务。",
          headers);
    }
    return friendly(
        404, "Survey link invalid", "链接无效", "这个评价链接无法识别。请核对短信、推送或邮件中的完整链接后再试。", headers);
  }

  private Response used(HttpHeaders headers) {
    return friendly(
        409, "Survey already answered", "您已提交过评价", "您已经提交过本次服务的评价，每个链接仅记录一次。感谢您的反馈！", headers);
  }

  private Response unavailable(HttpHeaders headers) {
    return friendly(
        410,
        "Survey no longer open",
        "本次回访已结束",
        "本次回访已取消或已结束（例如您的投诉已重新进入处理）。处理完毕后我们会再次邀请您评价。",
        headers);
  }

  private Response friendly(
      int status, String problemTitle, String title, String message, HttpHeaders headers) {
    if (wantsJson(headers)) {
      throw new ProblemException(status, problemTitle, message);
    }
    return page(status, Templates.notice(title, message));
  }

  private static boolean wantsJson(HttpHeaders headers) {
    List<MediaType> accepted = headers.getAcceptableMediaTypes();
    return !accepted.isEmpty()
        && !accepted.get(0).isWildcardType()
        && accepted.get(0).getSubtype().contains("json");
  }

  private static Response page(int status, TemplateInstance template) {
    Response.ResponseBuilder r = Response.status(status).type(HTML).entity(template.render());
    PAGE_HEADERS.forEach(r::header);
    return r.build();
  }
}
