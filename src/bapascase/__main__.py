from bapascase.cli.fastcomplete import main

main()
