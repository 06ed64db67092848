package dev.dindcluster.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs one task per item at once and waits for all; the first failure is rethrown after all end. */
final class Parallel {
  private Parallel() {}

  static <T> void forEach(List<T> items, Consumer<T> task) {
    if (items.size() <= 1) {
      items.forEach(task);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(items.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> task.accept(item)));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new LifecycleFailure(e.getCause().toString(), e.getCause());
          if (first == null) {
            first = cause;
          } else {
            first.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LifecycleFailure("interrupted", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
