package dev.amortizer.summary;

import dev.amortizer.task.DataLayout;

/** What every summary network over a task's data layout holds and answers: its configuration and that layout. */
abstract class LayoutSummaryNetwork<L extends DataLayout> implements SummaryNetwork {
    final SummaryConfig config;
    final L layout;

    LayoutSummaryNetwork(SummaryConfig config, L layout) {
        this.config = config;
        this.layout = layout;
    }

    @Override
    public final SummaryConfig config() {
        return config;
    }

    @Override
    public final int inputDim() {
        return layout.flatLength();
    }

    @Override
    public final int outputDim() {
        return config.summaryDim();
    }
}
