package io.sensepulse.common.source;

/** How a source lives: deployed for one poll by the orchestrator, or deployed once and polling itself. */
public enum SourcePattern {
  EPHEMERAL,
  PERSISTENT
}
