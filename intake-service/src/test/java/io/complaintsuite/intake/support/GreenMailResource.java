package io.complaintsuite.intake.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real SMTP server (GreenMail) for the test class; the mailer sends to it instead of logging. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
  public static volatile GreenMail server;

  @Override
  public Map<String, String> start() {
    server =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    server.start();
    return Map.of(
        "quarkus.mailer.mock", "false",
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()),
        "quarkus.mailer.start-tls", "DISABLED",
        "quarkus.mailer.login", "DISABLED");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
