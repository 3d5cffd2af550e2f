package io.complaintsuite.e2e;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives journey tests the running {@link ServiceProcesses}: started once for the whole test run (by
 * the first class that asks), stopped when the run ends (JUnit closes it with the root store). A
 * failed start is remembered, so the other classes fail at once with its cause instead of starting
 * five services again.
 */
public final class RunningSuite implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunningSuite.class);
  // The Kafka clients of the test (topic readers, admin) log every configuration at INFO.
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

  static {
    KAFKA_LOG.setLevel(Level.WARNING);
  }

  /** The started services, or why they could not start; closed by JUnit at the end. */
  private static final class Start implements AutoCloseable {
    private ServiceProcesses services;
    private RuntimeException failure;

    Start() {
      try {
        services = ServiceProcesses.start();
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    ServiceProcesses services() {
      if (failure != null) {
        throw new IllegalStateException("the services did not start", failure);
      }
      return services;
    }

    @Override
    public void close() {
      if (services != null) {
        services.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ServiceProcesses.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Start.class, type -> new Start(), Start.class)
        .services();
  }
}
