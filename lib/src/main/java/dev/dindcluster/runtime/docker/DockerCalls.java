package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.dindcluster.runtime.NotFoundFailure;
import dev.dindcluster.runtime.RuntimeFailure;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs docker-java calls and turns their exceptions into {@link RuntimeFailure}s that name what failed. */
final class DockerCalls {
  // The engine answers errors as {"message":"..."}; docker-java puts "Status 409: " plus that JSON in its message.
  private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DockerCalls() {}

  static <T> T call(String operation, String object, Supplier<T> body) {
    try {
      return body.get();
    } catch (NotFoundException e) {
      NotFoundFailure failure = new NotFoundFailure(operation, object);
      failure.initCause(e);
      throw failure;
    } catch (RuntimeFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RuntimeFailure(operation + " '" + object + "': " + describe(e), e);
    }
  }

  static void run(String operation, String object, Runnable body) {
    call(operation, object, () -> {
      body.run();
      return null;
    });
  }

  /** The engine's own message when there is one, else the exception's (transport errors included). */
  static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof DockerException && message != null) {
      Matcher matcher = ENGINE_MESSAGE.matcher(message);
      if (matcher.find()) {
        return matcher.group(1).replace("\\\"", "\"");
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (message == null || message.equals(rootMessage) || message.endsWith(rootMessage)
            ? rootMessage
            : message + " (" + rootMessage + ")").strip();
  }
}
