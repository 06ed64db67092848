package dev.dindcluster.cli;

import dev.dindcluster.config.Knob;
import dev.dindcluster.config.Knobs;
import java.util.ListResourceBundle;

/**
 * Help texts name knob defaults as {@code ${bundle:default.NUM_NODES}}: this bundle answers them from
 * {@link Knobs}, so a default lives in one place and the help cannot drift from it.
 */
public final class KnobDefaults extends ListResourceBundle {
  @Override
  protected Object[][] getContents() {
    return Knobs.all().stream()
        .map(k -> new Object[] {"default." + k.name(), k.defaultDescription()})
        .toArray(Object[][]::new);
  }
}
