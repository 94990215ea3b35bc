package io.cift.analytics;

import java.time.LocalDate;

/**
 * One drawdown episode as quantstats' {@code drawdown_details} gives it.
 *
 * @param start the first day under water
 * @param valley the deepest day
 * @param end the last day under water, or the last day of the data when it has not recovered
 * @param days calendar days from start to end, both counted
 * @param maxDrawdown the deepest drawdown, in percent (negative)
 * @param maxDrawdown99 the deepest once the worst 1 % of the episode's days are left out, in percent; NaN when
 *                      that leaves no day (a one-day episode)
 */
public record DrawdownDetail(LocalDate start, LocalDate valley, LocalDate end, int days, double maxDrawdown,
                             double maxDrawdown99) {
}
