int x; // [step: open
int y; // [step: ]
