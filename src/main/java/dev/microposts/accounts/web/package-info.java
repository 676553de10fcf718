/**
 * Accounts at the HTTP edge: where the API serves a person ({@code UserLinks}). Controllers of any module that
 * link to someone use it; the accounts module's own API, in its base package, knows nothing of requests or URLs.
 */
@org.springframework.modulith.NamedInterface("web")
package dev.microposts.accounts.web;
