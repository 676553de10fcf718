/**
 * Admin: the operators' dashboard (admins only). Each process samples its metrics into the database, and the
 * dashboard draws the last hour from them: queue depths and throughput, server errors beside the releases
 * deployed, the consumers of every queue in every process, the alerts, the dead-lettered tasks with buttons
 * to retry or discard them, and the event deliveries still incomplete.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
package dev.microposts.admin;
