package community.linli.alerts;

import java.util.Locale;

/**
 * How an alert should reach its person, as the {@code channel} message attribute: an SMS
 * subscription filters on {@code sms}, an email subscription on {@code email}. SMS is for what
 * cannot wait (an urgent request, an overdue one); email for the rest.
 */
public enum Channel {
    SMS,
    EMAIL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
