package io.complaintsuite.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.vertx.core.Vertx;
import java.util.regex.Pattern;

/**
 * One complaint's path is one trace, across HTTP, the transactional outbox and Kafka. The outbox
 * stores the W3C {@code traceparent} of the request or event that caused each event, because the
 * relay publishes later, outside that request; the relay continues the trace from it. An inbound
 * event's {@code traceparent} is kept on the Vert.x context that processes it, so events its
 * handler appends continue the same trace even where no span is current.
 */
public final class Tracing {
  private static final String INBOUND = "complaint-suite.inbound-traceparent";
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

  private Tracing() {}

  /** The traceparent to store with an event appended now: the current span's, else the inbound. */
  public static String currentTraceParent() {
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      return "00-"
          + span.getTraceId()
          + "-"
          + span.getSpanId()
          + "-"
          + span.getTraceFlags().asHex();
    }
    io.vertx.core.Context vertx = Vertx.currentContext();
    Object inbound = vertx == null ? null : vertx.getLocal(INBOUND);
    return inbound instanceof String value ? value : null;
  }

  /** Remembers an inbound event's traceparent for the rest of its processing. */
  public static void rememberInbound(String traceParent) {
    io.vertx.core.Context vertx = Vertx.currentContext();
    if (vertx != null && traceParent != null && TRACEPARENT.matcher(traceParent).matches()) {
      vertx.putLocal(INBOUND, traceParent);
    }
  }

  /** An OpenTelemetry context whose parent is {@code traceParent}; root when absent or invalid. */
  public static Context parentContext(String traceParent) {
    if (traceParent == null) {
      return Context.root();
    }
    var m = TRACEPARENT.matcher(traceParent);
    if (!m.matches()) {
      return Context.root();
    }
    SpanContext parent =
        SpanContext.createFromRemoteParent(
            m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
    return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
  }
}
