package community.linli.requests;

import community.linli.platform.files.FileStore;
import community.linli.platform.http.Check;
import community.linli.tables.directory.Answers;
import community.linli.tables.directory.Category;
import community.linli.tables.requests.Priority;
import community.linli.tables.requests.ResidentRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /requests}. {@code answers} answer the category's questions and are
 * checked against them once the category is known; everything else is checked here.
 * {@code smsUpdates} (SMS to the contact phone when the request is assigned, resolved or rejected)
 * needs a {@code contactPhone}.
 */
record SubmitRequestBody(String category, String description, LocationBody location, String urgency,
                         String contactPhone, List<String> photoKeys, Map<String, Object> answers, Boolean hideIdentity,
                         Boolean smsUpdates) {
    static final int MAX_DESCRIPTION = ResidentRequest.MAX_DESCRIPTION;
    static final int MAX_PHOTOS = 9;
    static final Pattern CODE = Category.CODE;
    static final Pattern PHOTO_KEY = FileStore.PHOTO_KEY;

    SubmitRequestBody {
        Check check = Check.of()
                .required("category", category)
                .matches("category", category, CODE)
                .requiredText("description", description, MAX_DESCRIPTION)
                .required("location", location)
                .oneOf("urgency", urgency, Priority.WIRE)
                .phone("contactPhone", contactPhone)
                .maxItems("photoKeys", photoKeys, MAX_PHOTOS)
                .distinct("photoKeys", photoKeys)
                .maxItems("answers", answers == null ? null : answers.keySet(), Answers.MAX_ANSWERS);
        if (Boolean.TRUE.equals(smsUpdates) && contactPhone == null) check.add("smsUpdates", "phone_required");
        if (location != null) location.check(check, "location.");
        if (photoKeys != null) {
            for (int i = 0; i < photoKeys.size(); i++) check.matches("photoKeys[" + i + "]", photoKeys.get(i), PHOTO_KEY);
        }
        check.done();
        urgency = urgency == null ? "normal" : urgency;
        photoKeys = photoKeys == null ? List.of() : List.copyOf(photoKeys);
        // An answer of null is an answer not given.
        answers = answers == null ? Map.of() : answers.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        hideIdentity = hideIdentity != null && hideIdentity;
        smsUpdates = smsUpdates != null && smsUpdates;
    }
}
