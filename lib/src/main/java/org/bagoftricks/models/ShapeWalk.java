package org.bagoftricks.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.Pair;

import java.util.List;

/**
 * A composite block that tells which input shapes each child sees, so that initialization and
 * {@link ModelStats} walk the same data flow (DJL's {@code Block} only exposes the children).
 */
interface ShapeWalk {
    /** Each child with the input shapes it receives when this block gets {@code inputShapes}. */
    List<Pair<Block, Shape[]>> childInputs(Shape[] inputShapes);
}
