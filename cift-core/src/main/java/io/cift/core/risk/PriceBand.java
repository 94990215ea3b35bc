package io.cift.core.risk;

/**
 * How far a limit price may be from the reference price: a number of ticks or a percentage of the
 * reference. Immutable.
 */
public final class PriceBand {

    /** No band: any price passes (market orders still need a reference price). */
    public static final PriceBand NONE = new PriceBand(Long.MAX_VALUE, Double.NaN);

    private final long ticks;
    private final double percent;

    private PriceBand(long ticks, double percent) {
        this.ticks = ticks;
        this.percent = percent;
    }

    /**
     * A band of a fixed number of ticks either side of the reference.
     *
     * @param ticks not negative
     * @return the band
     */
    public static PriceBand ticks(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("price band ticks must not be negative, got " + ticks);
        }
        return new PriceBand(ticks, Double.NaN);
    }

    /**
     * A band of a percentage of the reference price either side of it.
     *
     * @param percent finite and not negative, e.g. 5.0 for 5 %
     * @return the band
     */
    public static PriceBand percent(double percent) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("price band percent must be finite and not negative, got " + percent);
        }
        return new PriceBand(-1, percent);
    }

    /**
     * The widest distance in ticks allowed from {@code reference}.
     *
     * @param reference the reference price in ticks
     * @return the allowed distance (rounded down for percentages)
     */
    public long allowedDistance(long reference) {
        return ticks >= 0 ? ticks : (long) Math.floor(reference * percent / 100.0);
    }

    /**
     * Whether this band lets any price through.
     *
     * @return true for {@link #NONE}
     */
    public boolean isNone() {
        return ticks == Long.MAX_VALUE;
    }

    /**
     * Whether the band is a fixed number of ticks (else a percentage, or none).
     *
     * @return true for {@link #ticks(long)} bands
     */
    public boolean isTicks() {
        return !isNone() && ticks >= 0;
    }

    /**
     * The band in ticks.
     *
     * @return the ticks of a {@link #ticks(long)} band
     * @throws IllegalStateException for a percentage band or none
     */
    public long ticks() {
        if (!isTicks()) {
            throw new IllegalStateException("the band " + this + " is not in ticks");
        }
        return ticks;
    }

    /**
     * The band as a percentage of the reference price.
     *
     * @return the percentage of a {@link #percent(double)} band
     * @throws IllegalStateException for a band in ticks or none
     */
    public double percent() {
        if (isNone() || ticks >= 0) {
            throw new IllegalStateException("the band " + this + " is not a percentage");
        }
        return percent;
    }

    @Override
    public String toString() {
        return isNone() ? "none" : ticks >= 0 ? ticks + " ticks" : percent + "%";
    }
}
