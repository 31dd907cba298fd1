package community.linli.notices;

import static org.assertj.core.api.Assertions.assertThat;

import community.linli.tables.notices.SignUp;
import community.linli.tables.notices.SignUpStatus;
import community.linli.testkit.ApiReply;
import community.linli.testkit.LocalAws;
import community.linli.testkit.MotoExtension;
import community.linli.testkit.Persona;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Activities on moto: sign-ups with companions, the waitlist, and the capacity under concurrent
 * sign-ups and cancels. The rule: a sign-up takes 1 + companions seats, all confirmed or all
 * waitlisted; a cancel's freed seats go to the waitlist in sign-up order, to every waiting sign-up
 * they hold.
 */
@ExtendWith(MotoExtension.class)
class NoticesActivitiesTest {
    NoticesApi api;
    Persona staff = Persona.staff();

    @BeforeEach
    void setUp(LocalAws aws) {
        api = new NoticesApi(aws);
    }

    private List<SignUp> signUps(String id) {
        return api.store.signUps("demo", id);
    }

    private static long count(List<SignUp> signUps, SignUpStatus status) {
        return signUps.stream().filter(s -> s.status() == status).count();
    }

    private static int seats(List<SignUp> signUps, SignUpStatus status) {
        return signUps.stream().filter(s -> s.status() == status).mapToInt(SignUp::seats).sum();
    }

    private <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<T>> futures = pool.invokeAll(calls);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signUp_withCompanions_takesTheirSeatsToo_andASignUpThatDoesNotFitWaitsWhole() {
        String id = api.published(NoticesApi.activity("书法班", 3, "G03"));

        var first = api.signUp(NoticesApi.residentOf("G03"), id, 1).expect(201);
        var second = api.signUp(NoticesApi.residentOf("G03"), id, 1).expect(201);
        var third = api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);

        assertThat(first.text("/status")).isEqualTo("confirmed");
        assertThat(first.body().get("seats").asInt()).isEqualTo(2);
        assertThat(second.text("/status")).as("two seats, one free").isEqualTo("waitlisted");
        assertThat(third.text("/status")).as("the one free seat").isEqualTo("confirmed");
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(3);
    }

    @Test
    void cancel_movesTheWaitlistUpInSignUpOrder() {
        String id = api.published(NoticesApi.activity("书法班", 2, "G03"));
        Persona a = NoticesApi.residentOf("G03");
        Persona b = NoticesApi.residentOf("G03");
        Persona c = NoticesApi.residentOf("G03");
        Persona d = NoticesApi.residentOf("G03");
        api.signUp(a, id, 0).expect(201);
        api.signUp(b, id, 0).expect(201);
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.signUp(c, id, 0).expect(201).text("/status")).isEqualTo("waitlisted");
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.signUp(d, id, 0).expect(201).text("/status")).isEqualTo("waitlisted");

        api.cancelSignUp(a, id).expect(204);

        var after = signUps(id);
        assertThat(after).filteredOn(s -> s.status() == SignUpStatus.CONFIRMED).extracting(SignUp::sub)
                .containsExactlyInAnyOrder(b.sub(), c.sub());
        assertThat(after).filteredOn(s -> s.status() == SignUpStatus.WAITLISTED).extracting(SignUp::sub).containsExactly(d.sub());
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(2);
        var promoted = api.get(c, id).expect(200);
        assertThat(promoted.text("/signUp/status")).as("what the promoted resident sees").isEqualTo("confirmed");
        assertThat(promoted.body().at("/activity/seatsTaken").asInt()).isEqualTo(2);
        assertThat(api.get(d, id).expect(200).text("/signUp/status")).isEqualTo("waitlisted");
        assertThat(api.get(a, id).expect(200).body().has("signUp")).isFalse();
        assertThat(api.cancelSignUp(a, id).status()).as("nothing left to cancel").isEqualTo(404);
        api.cancelSignUp(d, id).expect(204);
        assertThat(api.store.seatsTaken("demo", id)).as("a waiting cancel frees no seat").isEqualTo(2);
    }

    @Test
    void cancel_ofTwoSeats_promotesASmallerLaterSignUpThatFits_pastALargerEarlierOne() {
        String id = api.published(NoticesApi.activity("书法班", 3, "G03"));
        Persona holder = NoticesApi.residentOf("G03");
        Persona large = NoticesApi.residentOf("G03");
        Persona small = NoticesApi.residentOf("G03");
        api.signUp(holder, id, 1).expect(201);
        api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);
        api.clock.advance(Duration.ofSeconds(1));
        api.signUp(large, id, 2).expect(201);
        api.clock.advance(Duration.ofSeconds(1));
        api.signUp(small, id, 0).expect(201);

        api.cancelSignUp(holder, id).expect(204);

        var after = signUps(id);
        assertThat(after).filteredOn(s -> s.sub().equals(small.sub())).extracting(SignUp::status).containsExactly(SignUpStatus.CONFIRMED);
        assertThat(after).filteredOn(s -> s.sub().equals(large.sub())).extracting(SignUp::status).containsExactly(SignUpStatus.WAITLISTED);
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(2);
    }

    @Test
    void aSignUpThatSawNoRoom_whenACancelFreedASeatBeforeItWrote_isConfirmed_notWaitlistedBesideTheSeat() {
        String id = api.published(NoticesApi.activity("书法班", 1, "G03"));
        Persona holder = NoticesApi.residentOf("G03");
        api.signUp(holder, id, 0).expect(201);
        var activity = api.store.get("demo", id).orElseThrow();

        api.cancelSignUp(holder, id).expect(204);
        SignUp late = api.store.signUp(activity, "resident-who-read-it-full", null, 0, api.clock.instant(), false);

        assertThat(late.status()).isEqualTo(SignUpStatus.CONFIRMED);
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(1);
    }

    @Test
    void aSignUpThatSawRoom_whenTheSeatWasTakenBeforeItWrote_isWaitlisted_notOverbooked() {
        String id = api.published(NoticesApi.activity("书法班", 1, "G03"));
        var activity = api.store.get("demo", id).orElseThrow();

        api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);
        SignUp late = api.store.signUp(activity, "resident-who-read-it-free", null, 0, api.clock.instant(), true);

        assertThat(late.status()).isEqualTo(SignUpStatus.WAITLISTED);
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(1);
    }

    @RepeatedTest(2)
    void twoHundredConcurrentSignUps_forFiftySeats_confirmExactlyFifty_andWaitlistTheRest() throws Exception {
        String id = api.published(NoticesApi.activity("老年人免费体检", 50, "G03"));
        List<Callable<ApiReply>> calls = IntStream.range(0, 200)
                .<Callable<ApiReply>>mapToObj(i -> () -> api.signUp(NoticesApi.residentOf("G03"), id, 0)).toList();

        List<ApiReply> replies = concurrently(calls);

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(replies.stream().filter(r -> r.text("/status").equals("confirmed")).count()).isEqualTo(50);
        var stored = signUps(id);
        assertThat(count(stored, SignUpStatus.CONFIRMED)).isEqualTo(50);
        assertThat(count(stored, SignUpStatus.WAITLISTED)).isEqualTo(150);
        assertThat(api.store.seatsTaken("demo", id)).isEqualTo(50);
    }

    @RepeatedTest(2)
    void cancelsRacingSignUps_neverLeaveAFreeSeatWhileSomeoneWaits_andNeverExceedTheCapacity() throws Exception {
        String id = api.published(NoticesApi.activity("书法班", 20, "G03"));
        List<Persona> confirmed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Persona p = NoticesApi.residentOf("G03");
            api.signUp(p, id, 0).expect(201);
            confirmed.add(p);
        }
        for (int i = 0; i < 5; i++) api.signUp(NoticesApi.residentOf("G03"), id, 0).expect(201);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Persona leaving = confirmed.get(i);
            int companions = i % 3 == 0 ? 1 : 0;
            calls.add(() -> api.cancelSignUp(leaving, id).status());
            calls.add(() -> api.signUp(NoticesApi.residentOf("G03"), id, companions).status());
        }

        List<Integer> statuses = concurrently(calls);

        assertThat(statuses).allMatch(s -> s == 201 || s == 204);
        var stored = signUps(id);
        long taken = api.store.seatsTaken("demo", id);
        assertThat(taken).as("the counter is the confirmed seats").isEqualTo(seats(stored, SignUpStatus.CONFIRMED));
        assertThat(taken).isLessThanOrEqualTo(20);
        int free = (int) (20 - taken);
        assertThat(stored).filteredOn(s -> s.status() == SignUpStatus.WAITLISTED)
                .as("no one waits who would fit in the %d free seats", free)
                .allSatisfy(s -> assertThat(s.seats()).isGreaterThan(free));
    }
}
