/**
 * Accounts: registration, passwords, bearer tokens for the API and sessions for pages, login
 * throttling and profiles. Other modules know users only as {@link dev.microposts.accounts.UserRef}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package dev.microposts.accounts;
