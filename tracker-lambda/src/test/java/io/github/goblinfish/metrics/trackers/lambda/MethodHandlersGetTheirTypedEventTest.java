package io.github.goblinfish.metrics.trackers.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under {@code Handler: pkg.Class::handleRequest} the runtime calls the stream overload, which
 * reads the event with the runtime's class-form reader for the types resolved here. These tests
 * cover the type resolution and when the reader is prepared; the proof that both Handler forms give
 * the same event, response and failure on the real runtime client is local-invoke's {@code
 * MethodFormIsHeldToTheClassFormIT}.
 */
class MethodHandlersGetTheirTypedEventTest {

  /** A type of the user's own. */
  public static final class Order {
    public String id;
  }

  static final class ApiHandler extends TrackedRequestHandler<APIGatewayProxyRequestEvent, String> {
    ApiHandler(Map<String, String> environment) {
      super(HandlerConfig.builder().environment(environment::get).output(line -> {}).build());
    }

    @Override
    protected String handleTracked(APIGatewayProxyRequestEvent request, Context context) {
      return "ok";
    }
  }

  abstract static class Base<T> extends TrackedRequestHandler<T, String> {}

  abstract static class Middle<A, B> extends Base<B> {}

  static final class Concrete extends Middle<String, Order> {
    @Override
    protected String handleTracked(Order input, Context context) {
      return input.id;
    }
  }

  abstract static class Swapped<R, E> extends TrackedRequestHandler<E, R> {}

  static final class SwappedConcrete extends Swapped<Long, Order> {
    @Override
    protected Long handleTracked(Order input, Context context) {
      return 1L;
    }
  }

  static final class ListHandler extends TrackedRequestHandler<List<Order>, Void> {
    @Override
    protected Void handleTracked(List<Order> input, Context context) {
      return null;
    }
  }

  abstract static class ListBase<T> extends TrackedRequestHandler<List<T>, String> {}

  static final class ListOfOrders extends ListBase<Order> {
    @Override
    protected String handleTracked(List<Order> input, Context context) {
      return "";
    }
  }

  @SuppressWarnings("rawtypes")
  static final class RawConcrete extends Base {
    @Override
    protected Object handleTracked(Object input, Context context) {
      return "";
    }
  }

  static class StillGeneric<T> extends Base<T> {
    @Override
    protected String handleTracked(T input, Context context) {
      return "";
    }
  }

  @Test
  void theEventTypeIsFollowedThroughEveryGenericBaseClassToTheArgumentASubclassGivesIt() {
    assertArrayEquals(
        new Type[] {Order.class, String.class},
        MethodHandlerEvents.eventAndResponseTypes(Concrete.class));
    assertArrayEquals(
        new Type[] {Order.class, Long.class},
        MethodHandlerEvents.eventAndResponseTypes(SwappedConcrete.class),
        "type arguments in another order than TrackedRequestHandler's");
    assertArrayEquals(
        new Type[] {APIGatewayProxyRequestEvent.class, String.class},
        MethodHandlerEvents.eventAndResponseTypes(ApiHandler.class));
  }

  @Test
  void aParameterizedEventTypeKeepsItsArguments() {
    Type[] types = MethodHandlerEvents.eventAndResponseTypes(ListHandler.class);
    ParameterizedType event = (ParameterizedType) types[0];
    assertEquals(List.class, event.getRawType());
    assertArrayEquals(new Type[] {Order.class}, event.getActualTypeArguments());
    assertEquals(Void.class, types[1]);
    assertTrue(MethodHandlerEvents.isVoid(types[1]), "a Void response is written as null");
    assertTrue(MethodHandlerEvents.isVoid(void.class));
    assertTrue(!MethodHandlerEvents.isVoid(String.class));
  }

  @Test
  void variablesTheClassFormLeavesUnresolvedStayTypeVariables() {
    // As the runtime client's class form: a variable nested in a parameterized type is not
    // substituted, so both forms read List<T> alike.
    Type nested = MethodHandlerEvents.eventAndResponseTypes(ListOfOrders.class)[0];
    assertTrue(
        ((ParameterizedType) nested).getActualTypeArguments()[0] instanceof TypeVariable,
        nested.getTypeName());
    Type[] raw = MethodHandlerEvents.eventAndResponseTypes(RawConcrete.class);
    assertEquals("T", raw[0].getTypeName(), "a raw superclass gives no argument");
    assertEquals(String.class, raw[1]);
    assertEquals(
        "T", MethodHandlerEvents.eventAndResponseTypes(StillGeneric.class)[0].getTypeName());
  }

  @Test
  void theRuntimePrefersTheStreamOverloadWhenTheHandlerNamesTheMethod() throws Exception {
    // The runtime client takes the public methods of the Handler's name and prefers the longest
    // signature, counting a last Context parameter twice: (InputStream, OutputStream, Context)
    // outranks (I, Context) and makes the function a stream handler.
    int stream = 0;
    int typed = 0;
    for (Method method : Concrete.class.getMethods()) {
      if (method.getName().equals("handleRequest")) {
        assertTrue(!method.isBridge(), method.toString());
        if (method.getParameterCount() == 3) {
          stream++;
          assertArrayEquals(
              new Class<?>[] {java.io.InputStream.class, java.io.OutputStream.class, Context.class},
              method.getParameterTypes());
        } else {
          typed++;
          assertArrayEquals(
              new Class<?>[] {Object.class, Context.class}, method.getParameterTypes());
        }
      }
    }
    assertEquals(1, stream);
    assertEquals(1, typed);
    assertTrue(
        !com.amazonaws.services.lambda.runtime.RequestStreamHandler.class.isAssignableFrom(
            Concrete.class),
        "the class form must still see a RequestHandler only");
  }

  @Test
  void nothingIsPreparedUnlessTheHandlerNamesThisClassesHandleRequest() {
    // The class form, no Handler, another class that calls this one, another method.
    assertNull(MethodHandlerEvents.forHandler(new Concrete(), Map.<String, String>of()::get));
    assertNull(
        MethodHandlerEvents.forHandler(
            new Concrete(), Map.of("_HANDLER", Concrete.class.getName())::get));
    assertNull(
        MethodHandlerEvents.forHandler(
            new Concrete(), Map.of("_HANDLER", "com.example.Delegating::handleRequest")::get));
    assertNull(
        MethodHandlerEvents.forHandler(
            new Concrete(), Map.of("_HANDLER", Concrete.class.getName() + "::warmUp")::get));
  }

  @Test
  void withoutTheRuntimesReaderTheHandlerFailsAtInitNamingTheFix() {
    // This module's tests run without the runtime client, as a function's unit tests do.
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ApiHandler(Map.of("_HANDLER", ApiHandler.class.getName() + "::handleRequest")));
    assertTrue(
        failure
            .getMessage()
            .startsWith(
                "Handler '"
                    + ApiHandler.class.getName()
                    + "::handleRequest' makes the Java runtime hand "
                    + ApiHandler.class.getName()
                    + " its event as bytes, and the runtime's reader of "
                    + APIGatewayProxyRequestEvent.class.getName()
                    + " events was not found (java.lang.ClassNotFoundException: "
                    + MethodHandlerEvents.CLASS_FORM_READER),
        failure.getMessage());
    assertTrue(
        failure
            .getMessage()
            .endsWith(
                "); set Handler to '" + ApiHandler.class.getName() + "' (the class name alone)"),
        failure.getMessage());
  }

  @Test
  void theStreamOverloadCalledWithoutTheRuntimeFailsWithTheSameMessage() {
    ApiHandler handler = new ApiHandler(Map.of());
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), null));
    assertTrue(failure.getMessage().endsWith("(the class name alone)"), failure.getMessage());
  }
}
