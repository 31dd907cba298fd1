package community.linli.smssender;

import community.linli.platform.crypto.FieldCrypto;
import community.linli.tables.requests.RequestStore;
import community.linli.tables.requests.ResidentRequest;
import community.linli.tables.staff.StaffStore;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The phone an SMS goes to, opened where it is kept sealed: a staff member's ({@code role}
 * {@code grid_worker}, {@code staff}, {@code admin}; {@code recipient} the staff id) from their
 * item in the StaffTable, one GetItem of its sealed phone and status; a requester's ({@code role}
 * {@code resident}; {@code recipient} the tracking number) from the request's item, one GetItem of
 * its sealed contact phone and SMS choice. Each then opened with FieldCrypto (one KMS Decrypt per
 * data key and container). A phone that cannot be had is {@link NoPhone}, with a reason that names
 * no phone.
 */
final class Phones {
    static final Set<String> STAFF_ROLES = Set.of("grid_worker", "staff", "admin");
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    /** Why an SMS has no phone to go to; final, so it is recorded as not sent. */
    static final class NoPhone extends RuntimeException {
        private final String reason;

        NoPhone(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private final StaffStore staff;
    private final RequestStore requests;
    private final FieldCrypto crypto;

    Phones(StaffStore staff, RequestStore requests, FieldCrypto crypto) {
        this.staff = staff;
        this.requests = requests;
        this.crypto = crypto;
    }

    /** The 11 digits of the message's recipient's mainland mobile. */
    String of(SmsMessage message) {
        String sealed;
        String field;
        if (message.toResident()) {
            var contact = requests.smsContact(message.communityId(), message.recipient()).orElseThrow(() -> new NoPhone("unknown_request"));
            if (!contact.smsUpdates()) throw new NoPhone("not_opted_in");
            sealed = contact.sealedPhone();
            field = ResidentRequest.CONTACT_PHONE_FIELD;
        } else if (STAFF_ROLES.contains(message.role())) {
            var member = staff.sealedPhone(message.communityId(), message.recipient()).orElseThrow(() -> new NoPhone("unknown_staff"));
            if (!member.active()) throw new NoPhone("inactive_staff");
            sealed = member.sealed();
            field = StaffStore.PHONE_FIELD;
        } else {
            throw new NoPhone("unknown_role");
        }
        if (sealed == null) throw new NoPhone("no_phone");
        String phone;
        try {
            phone = crypto.open(field, sealed);
        } catch (FieldCrypto.SealedValueException e) {
            throw new NoPhone("unopenable_phone");
        }
        String digits = phone.startsWith("+86") ? phone.substring(3) : phone;
        if (!MAINLAND_MOBILE.matcher(digits).matches()) throw new NoPhone("not_a_mainland_mobile");
        return digits;
    }

    /** The reads {@link #of} makes, for nobody (SnapStart priming): both GetItems, no KMS. */
    void prime(String communityId) {
        staff.sealedPhone(communityId, communityId);
        requests.smsContact(communityId, communityId);
    }
}
