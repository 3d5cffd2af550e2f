package io.complaintsuite.sla.board;

import io.complaintsuite.sla.settings.SlaSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The supervisor's live board (监控看板, the page is {@code /board/}): its whole state, and a stream of
 * server-sent events for what changes in between (alerts raised and acknowledged at once, a hint to
 * re-read the state when incidents, thresholds, risk cases, call-backs or channel connections
 * changed).
 */
@Path("/api/v1/board")
@RolesAllowed("supervisor")
public class BoardResource {
  private final BoardState state;
  private final BoardFeed feed;
  private final Duration heartbeat;

  public BoardResource(BoardState state, BoardFeed feed, SlaSettings settings) {
    this.state = state;
    this.feed = feed;
    this.heartbeat = settings.board().heartbeat();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "The board: KPIs today and a week ago, backlog, open alerts, incidents, risk cases,"
              + " call-backs, thresholds, channel connections needing attention")
  public Uni<BoardState.Board> board() {
    return state.read();
  }

  /**
   * Events {@code hello} (at once), {@code alert}, {@code alert-acknowledged} (an alert as in the
   * alerts API), {@code changed} ({@code {"table": …}}: re-read the board) and {@code ping} every
   * {@code sla.board.heartbeat} (keeps proxies from closing an idle stream, lets the page notice a
   * dead one). Hidden from the OpenAPI document: it never ends, which the generic endpoint checks
   * (authorization matrix, fuzzer) cannot read; BoardTest checks its 401/403.
   */
  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(hidden = true)
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    Multi<OutboundSseEvent> hello = Multi.createFrom().item(() -> event(sse, "hello", "{}"));
    Multi<OutboundSseEvent> pings =
        Multi.createFrom().ticks().every(heartbeat).map(t -> event(sse, "ping", "{}"));
    Multi<OutboundSseEvent> messages = feed.messages().map(m -> event(sse, m.event(), m.data()));
    return Multi.createBy()
        .concatenating()
        .streams(hello, Multi.createBy().merging().streams(messages, pings));
  }

  private static OutboundSseEvent event(Sse sse, String name, String data) {
    return sse.newEventBuilder()
        .name(name)
        .mediaType(MediaType.TEXT_PLAIN_TYPE)
        .data(String.class, data)
        .build();
  }
}
