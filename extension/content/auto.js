globalThis[Symbol.for('declutter')]?.handle?.({ cmd: "declutter", auto: true });
