package io.complaintsuite.routing.intake;

import io.complaintsuite.routing.assignment.Assignment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets the transfer feature reassign through the router without seeing its internals. */
@ApplicationScoped
public class TransferGateway {
  private final Router router;

  public TransferGateway(Router router) {
    this.router = router;
  }

  public Uni<Assignment> reassign(
      Assignment a, String department, String problemType, String reason, boolean forced) {
    return router.reassign(a, department, problemType, reason, forced);
  }
}
