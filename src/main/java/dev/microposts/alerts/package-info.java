/**
 * Alerts: rules evaluated inside the process over its own metrics (a video waiting too long, server errors,
 * dead-lettered tasks, incomplete event deliveries, a full disk...), with thresholds from configuration. Each
 * transition from resolved to firing and back is kept in history and published on the bus.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package dev.microposts.alerts;
