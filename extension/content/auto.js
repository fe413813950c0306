globalThis.__declutter?.handle?.({ cmd: "declutter", auto: true });
