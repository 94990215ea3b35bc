package io.cift.core.metrics;

import io.cift.core.risk.RiskReason;
import io.cift.core.risk.RiskView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;

/**
 * Micrometer meters of a pre-trade risk gate (add {@code io.micrometer:micrometer-core}): its refusals
 * by risk reason, read from the gate's own counts when the registry asks. The registry's thread reads them
 * without synchronization while the matching thread counts, so a reading may lag a little behind the gate;
 * nothing on the matching thread waits for it.
 */
public final class RiskMetrics implements MeterBinder {

    /** Checks the gate refused, tagged {@code reason} with the risk reason (counter). */
    public static final String REFUSALS = "cift.risk.refusals";

    private final RiskView risk;
    private final Tags tags;

    /**
     * Meters for one gate.
     *
     * @param risk the gate's view ({@code RiskCheckedEngine.risk()}, or {@code DurableEngine.risk()})
     * @param extraTags tags added to every meter
     */
    public RiskMetrics(RiskView risk, Tag... extraTags) {
        this.risk = Objects.requireNonNull(risk, "risk");
        this.tags = Tags.of(extraTags);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        for (RiskReason reason : RiskReason.values()) {
            if (reason != RiskReason.PASSED) {
                FunctionCounter.builder(REFUSALS, risk, v -> v.refusals(reason)).description("checks the gate refused")
                        .tags(tags.and("reason", reason.name())).register(r);
            }
        }
    }
}
