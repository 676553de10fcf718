package dev.microposts.storage.internal;

import dev.microposts.storage.NoSuchStoredObjectException;
import dev.microposts.storage.Storage;
import dev.microposts.storage.StorageKeys;
import dev.microposts.storage.StorageUnavailableException;
import dev.microposts.storage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Objects in an S3-compatible bucket (AWS, MinIO, Ceph, S3Mock), every key under an optional prefix. Writes
 * are single PutObject requests streamed from the file: S3 takes up to 5 GiB that way, far above the largest
 * upload, and a failed request leaves nothing behind, unlike an unfinished multipart upload.
 */
final class S3Storage implements Storage, AutoCloseable {

    private static final AttributeMap HTTP_TIMEOUTS = AttributeMap.builder()
            .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, Duration.ofSeconds(5))
            .put(SdkHttpConfigurationOption.READ_TIMEOUT, Duration.ofSeconds(60))
            .build();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;

    S3Storage(S3Client s3, String bucket, String prefix, String description) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.description = description;
    }

    static S3Storage connect(StorageLocation.Bucket location) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .forcePathStyle(location.pathStyle())
                .httpClientBuilder(new HttpClientWithTimeouts())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint())
                    // why: since SDK 2.30 every upload carries a trailing CRC32 in aws-chunked encoding by
                    // default, which many S3-compatible servers reject; checksums stay where S3 requires them
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        if (location.credentials() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    location.credentials().accessKey(), location.credentials().secretKey())));
        }
        // without credentials the SDK uses its default chain: AWS_ACCESS_KEY_ID, profiles, roles
        return new S3Storage(builder.build(), location.bucket(), location.prefix(), location.describe());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        String objectKey = objectKey(key);
        StorageArguments.requireFileToStore(file);
        StorageArguments.requireContentType(contentType);
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("store", key, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        String objectKey = objectKey(key);
        Path file = target.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(objectKey))) {
                AtomicFiles.copy(in, file);
            }
        } catch (SdkException e) {
            throw failure("download", key, e);
        } catch (IOException e) {
            throw new StorageUnavailableException("Could not download " + key + " from " + description + ": " + e, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        String objectKey = objectKey(key);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(objectKey));
            String contentType = head.contentType() == null ? "application/octet-stream" : head.contentType();
            return Optional.of(new StoredObject(key, head.contentLength(), contentType));
        } catch (SdkException e) {
            RuntimeException failure = failure("look up", key, e);
            if (failure instanceof NoSuchStoredObjectException) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        String objectKey = objectKey(key);
        StorageArguments.requireRange(offset, length);
        if (length == 0) {
            // why: HTTP cannot ask for zero bytes; still, a missing object must fail as it would otherwise
            stat(key).orElseThrow(() -> new NoSuchStoredObjectException(key));
            return InputStream.nullInputStream();
        }
        // no Range header for the whole object, which also works for an empty one
        String range = offset == 0 && length < 0
                ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
        try {
            return new AbortOnEarlyClose(
                    s3.getObject(b -> b.bucket(bucket).key(objectKey).range(range)));
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the range starts at or after the end
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        try {
            // S3 answers a delete of a missing key with success, too
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void deleteAll(String keyPrefix) {
        String objectPrefix = prefix + StorageKeys.requireValidPrefix(keyPrefix);
        try {
            ListObjectsV2Response page;
            do {
                // why: always the first page again, since the objects of the previous one are gone now; no
                // continuation token can be thrown off by deletions
                page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(objectPrefix));
                if (page.contents().isEmpty()) {
                    return;
                }
                List<ObjectIdentifier> objects = page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .toList();
                DeleteObjectsResponse deleted = s3.deleteObjects(
                        b -> b.bucket(bucket).delete(d -> d.objects(objects).quiet(true)));
                if (!deleted.errors().isEmpty()) {
                    throw new StorageUnavailableException(
                            "Could not delete " + deleted.errors().size() + " objects under " + keyPrefix + " in "
                                    + description + ", first: "
                                    + deleted.errors().get(0),
                            null);
                }
            } while (page.isTruncated());
        } catch (SdkException e) {
            throw failure("delete", keyPrefix + "*", e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        String objectPrefix = prefix + StorageKeys.requireValidPrefix(keyPrefix);
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(objectPrefix))
                    .contents()) {
                String key = object.key().substring(prefix.length());
                // objects stored by other tools may have keys this service would never make
                if (StorageKeys.isValid(key)) {
                    keys.add(key);
                }
            }
        } catch (SdkException e) {
            throw failure("list", keyPrefix + "*", e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public void checkAvailable() {
        try {
            // why: a bounded call, so a health check never hangs on a server that does not answer
            s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))));
        } catch (SdkException e) {
            throw new StorageUnavailableException("Could not reach " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + StorageKeys.requireValid(key);
    }

    /** A missing object, or storage that cannot be used now. */
    private RuntimeException failure(String action, String key, SdkException e) {
        if (e instanceof NoSuchKeyException
                || (e instanceof S3Exception s3e && s3e.statusCode() == 404 && !isMissingBucket(s3e))) {
            return new NoSuchStoredObjectException(key);
        }
        return new StorageUnavailableException(
                "Could not " + action + " " + key + " in " + description + ": " + e.getMessage(), e);
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /**
     * A response body that, closed before its end, drops its connection. Closed normally, the HTTP client
     * would first read the rest, which for a video a viewer has skipped away from may be hundreds of megabytes.
     */
    private static final class AbortOnEarlyClose extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        AbortOnEarlyClose(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }

    /**
     * The HTTP client the SDK finds on the class path (Apache, a runtime dependency only, hence its service
     * interface), with bounded timeouts: connecting to a server that is down fails in seconds, not minutes.
     * The S3 client builds it, and closes it with itself.
     */
    private static final class HttpClientWithTimeouts implements SdkHttpClient.Builder<HttpClientWithTimeouts> {

        private final SdkHttpClient.Builder<?> found = ServiceLoader.load(
                        SdkHttpService.class, SdkHttpService.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No HTTP client for the AWS SDK on the class path"))
                .createHttpClientBuilder();

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return found.buildWithDefaults(HTTP_TIMEOUTS.merge(serviceDefaults));
        }
    }
}
