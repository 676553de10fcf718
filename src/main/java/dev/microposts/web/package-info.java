/**
 * The shared plumbing of HTTP: the concurrency limit, RFC 9457 problem responses, request body limits and cursor
 * pagination. Every module's controllers use it; it owns no data. Its base package is what controllers use, its
 * {@code spi} what modules implement to tell the edge about their routes; the filters and error answers are its
 * own business, in {@code internal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package dev.microposts.web;
