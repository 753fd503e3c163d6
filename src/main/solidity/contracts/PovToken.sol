// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title POV, the Perspective hub's token (18 decimals).
/// @notice The hub holds the initial supply and pays withdrawals from it; deposits are plain
/// transfers to the hub's address. Only the owner (the hub) may mint more, e.g. for rewards a
/// governance vote approved.
contract PovToken is ERC20, ERC20Permit, Ownable {
    constructor(address hub, uint256 initialSupply)
        ERC20("Perspective", "POV")
        ERC20Permit("Perspective")
        Ownable(hub)
    {
        _mint(hub, initialSupply);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
