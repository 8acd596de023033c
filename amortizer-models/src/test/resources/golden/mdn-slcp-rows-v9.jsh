// Writes mdn-slcp-rows-v9.zip: a small MDN on slcp declared as four exchangeable rows of two, which no catalogue
// task declares, so the file records standardization.xRowWidth (format 9). From the repository root, after a build:
//   jshell --class-path "amortizer-bench/target/amortizer-bench-0.1.0-SNAPSHOT.jar:$(ls amortizer-bench/target/lib/*.jar | tr '\n' ':')" amortizer-models/src/test/resources/golden/mdn-slcp-rows-v9.jsh
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.Npe;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.RowsLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

var rows = new ForwardingTask(TaskCatalog.byName("slcp")) {
    public Optional<DataLayout> dataLayout() {
        return Optional.of(new RowsLayout(4, 2));
    }
};
var config = NpeConfig.defaults().withComponents(2).withHidden(List.of(16, 16), HiddenActivation.TANH).withEpochs(2, 2);
var q = new Npe(config).train(rows, 2000, Rng.seeded(11), new CostMeter());
ModelFile.save(q, Path.of("mdn-slcp-rows-v9.zip"));
/exit
