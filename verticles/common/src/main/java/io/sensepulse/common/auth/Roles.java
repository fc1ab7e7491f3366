package io.sensepulse.common.auth;

import java.util.Set;

/** The two roles: a viewer reads, an operator also changes configuration and sends commands. */
public final class Roles {
  private Roles() {}

  public static final String VIEWER = "viewer";
  public static final String OPERATOR = "operator";
  public static final Set<String> ALL = Set.of(VIEWER, OPERATOR);
}
