package dev.lora4j.testkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * Xalora task statuses with their wire names, and the one table of legal transitions.
 */
enum XaloraStatus {
  WAITING("waiting"),
  RUNNING("running"),
  FINISHED("finished"),
  FAILED("failed"),
  CANCELED("canceled");

  private final String wire;

  XaloraStatus(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }

  boolean terminal() {
    return next().isEmpty();
  }

  boolean canMoveTo(XaloraStatus target) {
    return next().contains(target);
  }

  private Set<XaloraStatus> next() {
    switch (this) {
      case WAITING:
        return EnumSet.of(RUNNING, CANCELED);
      case RUNNING:
        return EnumSet.of(FINISHED, FAILED, CANCELED);
      default:
        return EnumSet.noneOf(XaloraStatus.class);
    }
  }
}
