// The default NPE on gaussian_linear with five shifted coupling flows as a fourth candidate (after its three, whose fits
// are then unchanged): which one the validation loss keeps, and its C2ST on sbibm's 10 observations. From the
// repository root, after ./amortizer --version has built it:
//   OMP_NUM_THREADS=1 jshell -R-Dn=100000 --class-path "$(ls amortizer-bench/target/lib/*.jar | tr '\n' :)amortizer-bench/target/classes" \
//     amortizer-bench/results/sbibm-table/shifted-ensemble-candidate.jsh
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.*;
import dev.amortizer.diagnostics.C2st;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.*;
import dev.amortizer.random.Rng;
import dev.amortizer.estimator.NpeConfig;
import java.util.*;
var task = TaskCatalog.byName("gaussian_linear");
int n = Integer.parseInt(System.getProperty("n"));
var cands = new ArrayList<NpeConfig>(DefaultNpe.defaultCandidates(task));
var shift = DefaultNpe.shiftedCoupling();
cands.add(shift.withFlow(shift.flow().withMembers(5)));
var q = DefaultNpe.of(cands).train(task, n, Rng.seeded(1), new CostMeter());
System.out.println("kept " + q.config().label() + " members " + q.config().flow().members() + " cpu " + q.costLedger().fixed().cpuSeconds());
var data = SbibmData.locate().orElseThrow();
double sum = 0;
for (int k = 1; k <= 10; k++) {
  double c = C2st.score(data.reference("gaussian_linear", k), q.sample(data.observation("gaussian_linear", k), 10000, Rng.seeded(k)), k);
  sum += c; System.out.printf("%d\t%.4f%n", k, c);
}
System.out.printf("mean\t%.4f%n", sum / 10);
/exit
