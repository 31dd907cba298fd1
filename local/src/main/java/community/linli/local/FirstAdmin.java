package community.linli.local;

import community.linli.platform.Aws;
import community.linli.platform.Env;
import community.linli.platform.crypto.FieldCrypto;
import community.linli.platform.http.Check;
import community.linli.platform.http.FieldError;
import community.linli.platform.http.Problem;
import community.linli.tables.staff.NewStaff;
import community.linli.tables.staff.StaffMember;
import community.linli.tables.staff.StaffRole;
import community.linli.tables.staff.StaffStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one-off command that registers a community's first admin in a deployed stack, so that
 * someone can register everyone else through {@code POST /staff}: {@code scripts/first-admin}
 * runs it with the stack's {@code STAFF_TABLE}, {@code FIELD_KEY_ID} and {@code LOOKUP_KEY_ID}
 * and the operator's credentials. It registers through {@link StaffStore}, as the API does: the
 * phone sealed and hashed, one claim per phone. It prints the staff id and the masked phone only.
 */
public final class FirstAdmin {
    static final Pattern COMMUNITY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private FirstAdmin() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** 0 when registered; 1 when refused (bad input, a phone already registered); 2 for a wrong command line. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: first-admin <community-id> <name> <mainland mobile, 11 digits>");
            return 2;
        }
        String community = args[0];
        String name = args[1].strip();
        String phone = args[2];
        try {
            Check.of().matches("community-id", community, COMMUNITY).requiredText("name", name, 32)
                    .phone("phone", phone).done();
        } catch (Problem invalid) {
            for (FieldError error : invalid.errors()) err.println(error.field() + ": " + error.code());
            return 1;
        }
        Aws.Settings settings = Aws.Settings.fromEnv();
        StaffStore store = new StaffStore(Aws.dynamoDb(settings), Env.require("STAFF_TABLE"),
                FieldCrypto.fromEnv(Aws.kms(settings)), Clock.systemUTC());
        try {
            StaffMember admin = store.register(community, new NewStaff(name, phone, StaffRole.ADMIN, List.of()));
            out.println("Registered admin " + admin.staffId() + " of community " + community + ", phone " + admin.maskedPhone()
                    + ". They sign in with WeChat and share this phone; their next token carries the admins group.");
            return 0;
        } catch (StaffStore.PhoneTaken taken) {
            err.println("This phone is already registered in community " + community + " as " + taken.staffId()
                    + "; change that member through PATCH /staff/" + taken.staffId() + " instead.");
            return 1;
        }
    }
}
