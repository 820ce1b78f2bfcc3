a(); // [step: read]
b(); // [step: read.return]
c(); /* [step: x] */
