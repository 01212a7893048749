package io.github.goblinfish.metrics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {
  private static void thread(Path tasks, String tid, String name, String schedstat)
      throws IOException {
    Path task = Files.createDirectories(tasks.resolve(tid));
    Files.writeString(task.resolve("comm"), name + "\n");
    Files.writeString(task.resolve("schedstat"), schedstat + "\n");
  }

  @Test
  void allThreadsAddUpAndTheBusiestJavaThreadIsTheMainOne(@TempDir Path tasks) throws IOException {
    thread(tasks, "100", "java", "1500000 200 3");
    thread(tasks, "101", "java", "440000000 9000 812");
    thread(tasks, "102", "C1 CompilerThre", "75000000 10 40");
    thread(tasks, "103", "tracker-lambda-", "15500000 10 9");
    ProcessCpu cpu = ProcessCpu.read(tasks);
    assertEquals(532.0, cpu.allMs);
    assertEquals(440.0, cpu.mainMs);
  }

  @Test
  void aMissingFolderOrNoJavaThreadOrAnUnreadableFigureIsUnknown(@TempDir Path tasks)
      throws IOException {
    assertSame(ProcessCpu.UNKNOWN, ProcessCpu.read(tasks.resolve("gone")));
    thread(tasks, "7", "VM Thread", "1000 0 0");
    assertSame(ProcessCpu.UNKNOWN, ProcessCpu.read(tasks));
    thread(tasks, "8", "java", "not-a-number 0 0");
    assertSame(ProcessCpu.UNKNOWN, ProcessCpu.read(tasks));
  }
}
