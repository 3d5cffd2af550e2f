package io.complaintsuite.knowledge.editing;

import io.complaintsuite.knowledge.article.ArticleInput;
import io.complaintsuite.knowledge.article.ArticleLifecycle;
import io.complaintsuite.knowledge.article.ArticleView;
import io.complaintsuite.knowledge.importing.ArticleFiles;
import io.complaintsuite.knowledge.importing.ArticleImporter;
import io.complaintsuite.knowledge.search.SearchIndex;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Articles and their versions, for knowledge-base editors; agents may read them. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {
  private final ArticleLifecycle lifecycle;
  private final ArticleImporter importer;
  private final SearchIndex index;
  private final SecurityIdentity identity;

  public ArticleResource(
      ArticleLifecycle lifecycle,
      ArticleImporter importer,
      SearchIndex index,
      SecurityIdentity identity) {
    this.lifecycle = lifecycle;
    this.importer = importer;
    this.index = index;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("kb-editor")
  public Uni<RestResponse<ArticleView>> create(ArticleInput input) {
    return lifecycle
        .create(required(input), actor(), false)
        .map(
            view ->
                RestResponse.ResponseBuilder.<ArticleView>created(
                        URI.create("/api/v1/articles/" + view.id()))
                    .entity(view)
                    .build());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"kb-editor", "agent", "supervisor"})
  public Uni<ArticleView> get(@RestPath UUID id) {
    return lifecycle.find(id);
  }

  @GET
  @Path("/by-slug/{slug}")
  @RolesAllowed({"kb-editor", "agent", "supervisor"})
  public Uni<ArticleView> bySlug(@RestPath String slug) {
    return lifecycle.findBySlug(slug);
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed({"kb-editor", "supervisor"})
  public Uni<List<ArticleView.HistoryView>> history(@RestPath UUID id) {
    return lifecycle.history(id);
  }

  /** A new draft version, e.g. for a rule change; the published one stays until this one is. */
  @POST
  @Path("/{id}/versions")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("kb-editor")
  public Uni<RestResponse<ArticleView>> newDraft(@RestPath UUID id, ArticleInput input) {
    return lifecycle
        .newDraft(id, required(input), actor())
        .map(
            view ->
                RestResponse.ResponseBuilder.<ArticleView>created(
                        URI.create("/api/v1/articles/" + id + "/versions/" + view.latestVersion()))
                    .entity(view)
                    .build());
  }

  @PUT
  @Path("/{id}/versions/{version}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("kb-editor")
  public Uni<ArticleView> edit(@RestPath UUID id, @RestPath int version, ArticleInput input) {
    return lifecycle.edit(id, version, required(input), actor());
  }

  @POST
  @Path("/{id}/versions/{version}/submit")
  @RolesAllowed("kb-editor")
  public Uni<ArticleView> submit(@RestPath UUID id, @RestPath int version) {
    return lifecycle.submit(id, version, actor());
  }

  @POST
  @Path("/{id}/versions/{version}/publish")
  @RolesAllowed("kb-editor")
  public Uni<ArticleView> publish(@RestPath UUID id, @RestPath int version) {
    return lifecycle.publish(id, version, actor()).call(view -> index.reload(id));
  }

  @POST
  @Path("/{id}/versions/{version}/archive")
  @RolesAllowed("kb-editor")
  public Uni<ArticleView> archive(@RestPath UUID id, @RestPath int version) {
    return lifecycle.archive(id, version, actor()).call(view -> index.reload(id));
  }

  /**
   * Imports one Markdown file with front matter ({@code text/markdown}) or a CSV of articles
   * ({@code text/csv}); with {@code publish=true} they are published at once. Existing slugs are
   * skipped.
   */
  @POST
  @Path("/import")
  @Consumes({"text/markdown", "text/csv"})
  @RolesAllowed("kb-editor")
  public Uni<ArticleImporter.Outcome> importFile(
      String content,
      @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
      @RestQuery boolean publish) {
    if (content == null || content.isBlank()) {
      throw ProblemException.badField("body", "must not be empty");
    }
    List<ArticleInput> inputs =
        contentType != null && contentType.startsWith("text/csv")
            ? ArticleFiles.csv(content)
            : List.of(ArticleFiles.markdown(content));
    return importer.importAll(inputs, actor(), publish);
  }

  private static ArticleInput required(ArticleInput input) {
    if (input == null) {
      throw ProblemException.badField("body", "an article (JSON object) is required");
    }
    return input;
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }
}
