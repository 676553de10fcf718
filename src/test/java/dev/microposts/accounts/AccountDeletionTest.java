package dev.microposts.accounts;

/** {@link AccountDeletionScenario} with files in the local directory, as a single machine keeps them. */
class AccountDeletionTest extends AccountDeletionScenario {}
