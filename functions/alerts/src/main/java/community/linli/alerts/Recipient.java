package community.linli.alerts;

/**
 * Who an alert is for: a member of the staff registry by staff id (an assignee too: a request
 * names its assignee by staff id), and the role they are alerted in ({@code grid_worker}, {@code staff},
 * {@code admin}). Subscriptions select a person with {@code recipient}, a role with {@code role}.
 */
public record Recipient(String id, String role) {}
