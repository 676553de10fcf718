package dev.microposts.storage.internal;

import dev.microposts.storage.Storage;
import java.net.URI;
import java.nio.file.Path;

/** Where storage is, as read from {@code STORAGE_URL} by {@link StorageUrl}. */
sealed interface StorageLocation {

    Storage open();

    record Directory(Path root) implements StorageLocation {

        @Override
        public Storage open() {
            return new LocalStorage(root);
        }
    }

    /**
     * @param prefix {@code ""}, or a valid key followed by {@code /} that is put before every key
     * @param endpoint the S3 server, or {@code null} for AWS itself
     * @param credentials {@code null} for the AWS SDK's default credentials chain
     */
    record Bucket(String bucket, String prefix, URI endpoint, String region, boolean pathStyle, Credentials credentials)
            implements StorageLocation {

        @Override
        public Storage open() {
            return S3Storage.connect(this);
        }

        /** For logs: everything but the credentials. */
        String describe() {
            return "S3 bucket " + bucket
                    + (prefix.isEmpty() ? "" : " under " + prefix)
                    + " at " + (endpoint == null ? "AWS" : endpoint)
                    + " (region " + region + (pathStyle ? ", path-style" : "") + ")";
        }
    }

    record Credentials(String accessKey, String secretKey) {

        @Override
        public String toString() {
            return "Credentials[accessKey=***, secretKey=***]";
        }
    }
}
