package community.linli.core.directory;

/**
 * A kind of request a community accepts (电梯故障, 邻里纠纷, 独居老人求助 …) and its time limit:
 * {@code slaHours} of the clock, or {@code slaWorkingDays} when set.
 */
public record Category(String code, String name, int slaHours, Integer slaWorkingDays, boolean enabled) {}
