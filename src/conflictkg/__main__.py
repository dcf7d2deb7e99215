from conflictkg.cli import main

main()
