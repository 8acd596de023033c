package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A wrapper passes on every question a task answers, including those with default answers. */
class ForwardingTaskTest {
    @Test
    void everyMethodOfTaskIsForwarded() {
        for (Method m : Task.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertThat(Arrays.stream(ForwardingTask.class.getDeclaredMethods())
                    .anyMatch(f -> f.getName().equals(m.getName())
                            && Arrays.equals(f.getParameterTypes(), m.getParameterTypes())))
                    .as("ForwardingTask forwards Task.%s", m.getName()).isTrue();
        }
    }

    @Test
    void aWrapperChangesOnlyWhatItOverrides() {
        Task inner = new UniformBoxTask();
        Task wrapped = new ForwardingTask(inner) {
            @Override
            public String name() {
                return "renamed";
            }
        };
        assertThat(wrapped.name()).isEqualTo("renamed");
        assertThat(wrapped.prior()).isSameAs(inner.prior());
        assertThat(wrapped.simulator()).isSameAs(inner.simulator());
        assertThat(wrapped.dataSupport()).isSameAs(inner.dataSupport());
        assertThat(wrapped.parameterNames()).isEqualTo(inner.parameterNames());
    }

    /** θ uniform on the unit square, x = θ. */
    private static final class UniformBoxTask implements Task {
        private final Prior prior = new UniformBoxPrior(Support.box(2, 0, 1));
        private final DataSupport support = DataSupport.unchecked(2);

        @Override
        public String name() {
            return "box";
        }

        @Override
        public Prior prior() {
            return prior;
        }

        @Override
        public Simulator simulator() {
            return IDENTITY;
        }

        @Override
        public java.util.List<String> parameterNames() {
            return java.util.List.of("a", "b");
        }

        @Override
        public java.util.List<String> dataNames() {
            return java.util.List.of("x_a", "x_b");
        }

        @Override
        public DataSupport dataSupport() {
            return support;
        }
    }

    private static final Simulator IDENTITY = new Simulator() {
        @Override
        public int parameterDim() {
            return 2;
        }

        @Override
        public int dataDim() {
            return 2;
        }

        @Override
        public double[] simulate(double[] theta, dev.amortizer.random.Rng rng) {
            return theta.clone();
        }
    };
}
