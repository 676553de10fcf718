/**
 * Storage: where uploaded media and their renditions live, as objects under server-generated keys
 * ({@code media/<id>/source}, {@code media/<id>/<token>/720.mp4}). One {@link dev.microposts.storage.Storage}
 * port with two adapters, chosen by {@code STORAGE_URL}: a local directory (the default, under the data
 * directory) or an S3-compatible bucket, so that several MicroPosts processes can share the same media.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Storage")
package dev.microposts.storage;
