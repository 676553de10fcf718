/**
 * Exports: a member's archive of their posts, follows and original videos (a zip of JSON and the files), built by a
 * task on the {@code exports} queue, offered for download to its owner only, and deleted when it expires.
 * {@link dev.microposts.exports.ExportReady} says when one can be downloaded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Exports")
package dev.microposts.exports;
