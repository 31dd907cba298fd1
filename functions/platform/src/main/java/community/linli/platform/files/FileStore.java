package community.linli.platform.files;

import community.linli.platform.http.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A private bucket's files: the FilesBucket's photos of requests and their resolutions, and the
 * ImportsBucket's CSV files and reports ({@link #presignUpload}, {@link #read}, {@link #write},
 * {@link #downloadUrl}). For photos, clients upload straight to S3 with a
 * presigned PUT whose content type and length are signed, under an opaque key:
 * {@code uploads/<community>/<yyyyMMdd>/<uuid>.<ext>}. The key names no account, because everyone
 * who may see a request sees its photo keys, and a resident who asked to stay hidden must stay
 * hidden; who uploaded a key is recorded by the caller of {@link #presignPhotoUpload} (the
 * RequestsTable's upload record). Here a key is only checked to be of the community and to exist
 * with an allowed type and size.
 *
 * <p>The S3 clients are built on first use: most calls of a function never touch a file, and
 * under SnapStart the priming hook builds them before the snapshot.
 */
public final class FileStore {
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;
    public static final Map<String, String> PHOTO_TYPES = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");
    public static final Duration UPLOAD_WINDOW = Duration.ofMinutes(10);
    public static final Duration VIEW_WINDOW = Duration.ofMinutes(15);
    /** The shape of a key {@link #presignPhotoUpload} hands out, as clients send it back. */
    public static final java.util.regex.Pattern PHOTO_KEY = java.util.regex.Pattern.compile("uploads/[A-Za-z0-9_/.-]{1,300}");
    /** Upload folders follow the community's calendar day, like tracking numbers. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    private final Supplier<S3Client> s3;
    private final Supplier<S3Presigner> presigner;
    private final String bucket;
    private final Clock clock;

    public FileStore(Supplier<S3Client> s3, Supplier<S3Presigner> presigner, String bucket, Clock clock) {
        this.s3 = memoize(s3);
        this.presigner = memoize(presigner);
        this.bucket = bucket;
        this.clock = clock;
    }

    /** Where one upload goes and how to send it: PUT to {@code url} with exactly {@code headers}. */
    public record Upload(String key, String url, Map<String, String> headers, Instant expiresAt) {}

    public Upload presignPhotoUpload(String communityId, String contentType, long size) {
        Instant now = clock.instant();
        String key = prefix(communityId) + DAY.format(now) + "/" + UUID.randomUUID() + "." + PHOTO_TYPES.get(contentType);
        var presigned = presigner.get().presignPutObject(p -> p
                .signatureDuration(UPLOAD_WINDOW)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(size)));
        return new Upload(key, presigned.url().toString(),
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(size)), now.plus(UPLOAD_WINDOW));
    }

    /** A stored photo as a view shows it: its key and a link to it, valid for {@link #VIEW_WINDOW}. */
    public record Photo(String key, String url) {}

    /** {@code key} with a fresh link to show it. */
    public Photo photo(String key) {
        return new Photo(key, viewUrl(key));
    }

    /**
     * A presigned PUT of one file of {@code contentType} to {@code key}, valid for {@code window}.
     * Its length is not signed (a CSV's is not known when asked for): the reader checks it.
     */
    public Upload presignUpload(String key, String contentType, Duration window) {
        Instant now = clock.instant();
        var presigned = presigner.get().presignPutObject(p -> p.signatureDuration(window)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType)));
        return new Upload(key, presigned.url().toString(), Map.of("Content-Type", contentType), now.plus(window));
    }

    /** The bytes of {@code key}: one GetObject. */
    public byte[] read(String key) {
        return s3.get().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    /** Writes {@code bytes} to {@code key}: one PutObject. */
    public void write(String key, byte[] bytes, String contentType) {
        s3.get().putObject(p -> p.bucket(bucket).key(key).contentType(contentType),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    }

    /** A presigned GET of {@code key} for {@code window}, saved under {@code fileName} (RFC 6266, UTF-8). */
    public String downloadUrl(String key, String fileName, Duration window) {
        String disposition = "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return presigner.get().presignGetObject(p -> p.signatureDuration(window)
                .getObjectRequest(o -> o.bucket(bucket).key(key).responseContentDisposition(disposition))).url().toString();
    }

    /** A short-lived link to show a stored photo. */
    public String viewUrl(String key) {
        return presigner.get().presignGetObject(p -> p.signatureDuration(VIEW_WINDOW)
                .getObjectRequest(o -> o.bucket(bucket).key(key))).url().toString();
    }

    public enum PhotoCheck { OK, NOT_OWNED, NOT_UPLOADED, INVALID }

    /**
     * Whether {@code key} is a stored photo of the community: under its prefix, present, of an
     * allowed type and size. Who uploaded it is not known here ({@link PhotoCheck#NOT_OWNED} only
     * means another community's key).
     */
    public PhotoCheck checkPhoto(String communityId, String key) {
        if (key == null || !key.startsWith(prefix(communityId)) || key.contains("..")) return PhotoCheck.NOT_OWNED;
        try {
            var head = s3.get().headObject(h -> h.bucket(bucket).key(key));
            boolean typeOk = head.contentType() != null && PHOTO_TYPES.containsKey(head.contentType().split(";")[0].trim());
            boolean sizeOk = head.contentLength() != null && head.contentLength() > 0 && head.contentLength() <= MAX_PHOTO_BYTES;
            return typeOk && sizeOk ? PhotoCheck.OK : PhotoCheck.INVALID;
        } catch (NoSuchKeyException missing) {
            return PhotoCheck.NOT_UPLOADED;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return PhotoCheck.NOT_UPLOADED;
            throw e;
        }
    }

    /**
     * Adds to {@code check} an error on {@code field[i]} for each of {@code keys} that is not a
     * stored photo of the community ({@link #checkPhoto}): {@code photo_not_owned},
     * {@code photo_not_uploaded} or {@code photo_invalid}. That the caller uploaded it, the write
     * that attaches it checks (the upload record's condition in its transaction).
     */
    public void checkPhotos(Check check, String communityId, List<String> keys, String field) {
        for (int i = 0; i < keys.size(); i++) checkPhoto(check, communityId, keys.get(i), field + "[" + i + "]");
    }

    /** {@link #checkPhotos} for one photo, named {@code field}. */
    public void checkPhoto(Check check, String communityId, String key, String field) {
        switch (checkPhoto(communityId, key)) {
            case NOT_OWNED -> check.add(field, "photo_not_owned");
            case NOT_UPLOADED -> check.add(field, "photo_not_uploaded");
            case INVALID -> check.add(field, "photo_invalid");
            case OK -> { }
        }
    }

    /** Builds the clients now; the SnapStart priming hook calls it so they land in the snapshot. */
    public void prime() {
        s3.get();
        presigner.get();
    }

    static String prefix(String communityId) {
        return "uploads/" + communityId + "/";
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T local = value;
                if (local == null) {
                    synchronized (this) {
                        local = value;
                        if (local == null) value = local = supplier.get();
                    }
                }
                return local;
            }
        };
    }
}
