/**
 * The shared plumbing of HTTP: the concurrency limit, RFC 9457 problem responses, request body limits and cursor
 * pagination. Every module's controllers use it; it owns no data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", type = ApplicationModule.Type.OPEN)
package dev.microposts.web;

import org.springframework.modulith.ApplicationModule;
