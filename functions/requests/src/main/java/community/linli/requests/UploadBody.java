package community.linli.requests;

import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import java.util.List;

/** The body of {@code POST /uploads}: what the client is about to upload. */
record UploadBody(String contentType, Long size) {
    UploadBody {
        Check.of()
                .required("contentType", contentType)
                .oneOf("contentType", contentType, List.copyOf(new java.util.TreeSet<>(FileStore.PHOTO_TYPES.keySet())))
                .required("size", size)
                .range("size", size, 1, FileStore.MAX_PHOTO_BYTES)
                .done();
    }
}
